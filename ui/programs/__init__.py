"""Program & Pasangan: the programs page, its tree, checks and outputs, the program form,
the pairing dialogs and the participants import."""
