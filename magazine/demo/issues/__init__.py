"""The demo issues, oldest first. See magazine/demo/__init__.py for the format."""

from magazine.demo.issues.jan_apr_2026 import ISSUES as JAN_APR_2026
from magazine.demo.issues.may_aug_2026 import ISSUES as MAY_AUG_2026
from magazine.demo.issues.sep_dec_2025 import ISSUES as SEP_DEC_2025
from magazine.demo.issues.sep_dec_2026 import ISSUES as SEP_DEC_2026

ISSUES = [*SEP_DEC_2025, *JAN_APR_2026, *MAY_AUG_2026, *SEP_DEC_2026]
