"""Views of the practices library, by subject:

- library: the library with filters, one theme, one practice
- proposals: a member proposes a practice
- resources: learning materials and the deputies' and gender-budgeting sections
- downloads: files, served only through the visibility check
"""
