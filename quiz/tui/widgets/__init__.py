"""Small widgets the screens are built from; each renders file text as plain content, never markup."""
