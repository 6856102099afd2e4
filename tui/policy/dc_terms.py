"""Democracy Club's reuse terms for its candidate data, in one place: every starter an import
writes, every archived statement and every data package that holds such data state them."""

from __future__ import annotations

# Democracy Club's reuse terms for this data, as its candidates site states them ("Data reuse
# terms", candidates.democracyclub.org.uk/api/docs/terms/, from the page's own template in
# DemocracyClub/yournextrepresentative, ynr/apps/api/templates/api/terms.html). Party logos and
# candidate photos are excluded from the licence; hustings imports neither.
TERMS_URL = "https://candidates.democracyclub.org.uk/api/docs/terms/"
LICENCE_NAME = "CC-BY-4.0"
LICENCE_TITLE = "Creative Commons Attribution 4.0 (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = (
    "Candidate data from Democracy Club, made available under the Creative Commons Attribution "
    '4.0 (CC BY 4.0) licence. Credit "Democracy Club" on the same page(s) as the data is used, '
    "with a link to https://democracyclub.org.uk"
)
ATTRIBUTION_URL = "https://democracyclub.org.uk"
