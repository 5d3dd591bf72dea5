"""wargame serve and join: one game held by a server, each team on its own laptop or browser."""
