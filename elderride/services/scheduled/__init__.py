"""Work that comes due by the clock: recurring rides, the schedule's reminders, welfare checks."""
