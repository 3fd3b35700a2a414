"""The demo practices by theme (see practices/demo/__init__.py for the format)."""

from practices.demo.cases.budget import PRACTICES as BUDGET
from practices.demo.cases.communications_participation import PRACTICES as COMMUNICATIONS_PARTICIPATION
from practices.demo.cases.infrastructure_social import PRACTICES as INFRASTRUCTURE_SOCIAL
from practices.demo.cases.keneshes import PRACTICES as KENESHES
from practices.demo.cases.management_planning import PRACTICES as MANAGEMENT_PLANNING
from practices.demo.cases.property import PRACTICES as PROPERTY
from practices.demo.cases.utilities import PRACTICES as UTILITIES

PRACTICES = [
    *COMMUNICATIONS_PARTICIPATION,
    *KENESHES,
    *BUDGET,
    *MANAGEMENT_PLANNING,
    *PROPERTY,
    *UTILITIES,
    *INFRASTRUCTURE_SOCIAL,
]
