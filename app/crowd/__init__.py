"""The crowd (SPEC section 10): opt-in, anonymous views kept in a database.

`db` opens the database and runs the migrations, `store` reads and writes
views, `aggregate` turns the stored positions into the crowd's figures.
"""
