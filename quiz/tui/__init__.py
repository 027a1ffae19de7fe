"""The full-screen Textual interface. Screens show the session's state and forward keys; rules live below."""
