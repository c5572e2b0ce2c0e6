"""Forms and wizards."""
