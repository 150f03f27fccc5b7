module github.com/gointercom/intercom/gen/intercom

go 1.26.0
