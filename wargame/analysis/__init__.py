"""`wargame simulate`: bot games in bulk and the balance report built from them."""
