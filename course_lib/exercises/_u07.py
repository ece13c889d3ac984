"""Unit 07 exercises (registered as the unit is converted)."""
