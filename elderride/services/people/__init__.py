"""Who rides and who cares for them: seniors, their places and contacts, family accounts,
invitations and device links.
"""
