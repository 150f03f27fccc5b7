//go:build peers

package call

import (
	"context"
	"fmt"
	"net/http"

	"github.com/gointercom/intercom/bench/peers/oapicodegen/oapiintercom"
	"github.com/gointercom/intercom/bench/peers/ogen/ogenintercom"
)

// peers returns the calls through the peers' generated clients, each configured the way its
// documentation shows: ogen with a SecuritySource for the bearer token, oapi-codegen with a
// request editor that sets the Authorization header.
func peers() []way {
	return []way{
		{name: "ogen", new: func(base string, hc *http.Client) (func(context.Context, string) (string, string, error), error) {
			client, err := ogenintercom.NewClient(base, bearer{}, ogenintercom.WithClient(hc))
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context, id string) (string, string, error) {
				res, err := client.ShowContact(ctx, ogenintercom.ShowContactParams{ID: id})
				if err != nil {
					return "", "", err
				}
				c, ok := res.(*ogenintercom.Contact)
				if !ok {
					return "", "", fmt.Errorf("answer %T", res)
				}
				return c.ID.Or(""), c.Email.Or(""), nil
			}, nil
		}},
		{name: "oapi-codegen", new: func(base string, hc *http.Client) (func(context.Context, string) (string, string, error), error) {
			auth := func(_ context.Context, req *http.Request) error {
				req.Header.Set("Authorization", "Bearer "+token)
				return nil
			}
			client, err := oapiintercom.NewClientWithResponses(base, oapiintercom.WithHTTPClient(hc), oapiintercom.WithRequestEditorFn(auth))
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context, id string) (string, string, error) {
				res, err := client.ShowContactWithResponse(ctx, id)
				if err != nil {
					return "", "", err
				}
				if res.JSON200 == nil {
					return "", "", fmt.Errorf("status %d", res.StatusCode())
				}
				c := res.JSON200
				if c.Id == nil || c.Email == nil {
					return "", "", fmt.Errorf("contact without id or email")
				}
				return *c.Id, *c.Email, nil
			}, nil
		}},
	}
}

// bearer is ogen's source of the bearer token.
type bearer struct{}

func (bearer) BearerAuth(context.Context, ogenintercom.OperationName) (ogenintercom.BearerAuth, error) {
	return ogenintercom.BearerAuth{Token: token}, nil
}
