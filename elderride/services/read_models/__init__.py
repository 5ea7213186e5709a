"""What the pages list: the ride queue, ride lists and today's figures."""
