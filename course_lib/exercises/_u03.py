"""Unit 03 exercises (registered as the unit is converted)."""
