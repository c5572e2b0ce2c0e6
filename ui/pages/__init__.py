"""One page per area of the program, shown from the main window's sidebar."""
