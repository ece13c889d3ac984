"""Unit 06 exercises (registered as the unit is converted)."""
