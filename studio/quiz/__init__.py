"""Quiz logic of the domain: question data, scoring, draws, interaction strings, GIFT/Aiken."""
