"""Races: which ballot each policy file is for, indexed without loading, and kept between runs."""
