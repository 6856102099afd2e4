"""The comparison every view draws: topic rows x policies, comparability flags, eras."""
