"""Unit 02 exercises (registered as the unit is converted)."""
