// Command plain gets one contact with net/http and encoding/json, without a client.
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: plain BASE_URL CONTACT_ID")
		os.Exit(2)
	}
	req, err := http.NewRequest(http.MethodGet, os.Args[1]+"/contacts/"+os.Args[2], nil)
	if err != nil {
		fail(err)
	}
	req.Header.Set("Authorization", "Bearer "+os.Getenv("INTERCOM_TOKEN"))
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fail(fmt.Errorf("status %s", resp.Status))
	}
	var c struct {
		ID    string `json:"id"`
		Email string `json:"email"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&c); err != nil {
		fail(err)
	}
	fmt.Println(c.Email)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "plain:", err)
	os.Exit(1)
}
