"""The crowd (SPEC section 10): opt-in, anonymous views kept in a database.

`db` opens the database and runs the migrations, `store` reads and writes
views, `keys` holds the secret and the keyed codes made from it, `days` and
`aggregate` turn the stored positions into the crowd's figures, `service`
says what a client is told while the database is unavailable.
"""
