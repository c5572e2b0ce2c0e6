"""Shared by the features: the list/detail skeleton, confirmations, the status line, the
save dialog, the table models, the PDF preview and printing, the sign-off bar, the history."""
