"""Writing a checked bank out for other programs: JSON for review tools, GIFT for Moodle."""
