"""Unit 01 exercises (registered as the unit is converted)."""
