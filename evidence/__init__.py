"""Evidence documents a PCT uploads, and their links to the competencies and governance areas they support."""
