"""Support bodies (支援機関, DOMAIN.md §12): organisations, their users, and the delegations a
firm grants them.

- models: SupportOrganisation, SupportMember (a user's membership), Delegation;
- access: the one rule of what a delegate may do (`delegation_for`, `may_act`);
- services: grant and revoke a delegation, with the limits the portal and the API share.
"""
