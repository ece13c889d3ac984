"""Unit 04 exercises (registered as the unit is converted)."""
