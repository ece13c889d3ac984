"""Unit 05 exercises (registered as the unit is converted)."""
