"""Kegiatan & Rundown: the activities page, its rundown editor, the activity forms and the
activity list the other pages choose from."""
