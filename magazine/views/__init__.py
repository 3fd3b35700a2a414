"""Views of the magazine, by subject:

- reading: the index and archive, an issue, a free article
- orders: plans, subscription and single-issue requests, payment instructions
- downloads: editions, served only through magazine.entitlement
"""
