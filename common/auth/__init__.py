"""Who is calling and what they may do, on every gRPC call of every service.

* `tokens`: bearer tokens (JWT): the caller's `sub`, `role` and `office`, verified with the
  agency's OIDC issuer or, on one machine, the local key in `var_dir`; minting dev tokens.
* `roles`: the role table, role by RPC with its scope, declared once.
* `interceptor`: `Authorization`, the server interceptor that applies the table.
* `callers`: the client side, a token on every call a process makes.
"""
