"""PDF documents (reportlab) on the office's frame: letterhead, signatures, paper sizes."""
