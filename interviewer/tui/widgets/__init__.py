"""Small, reusable widgets the screens are built from."""
