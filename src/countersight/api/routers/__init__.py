"""HTTP routers: parse, call a service, serialise."""
