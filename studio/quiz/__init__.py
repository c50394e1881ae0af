"""Quiz logic of the domain: question types (types.py), data, scoring, draws, interaction
strings, GIFT/Aiken."""
