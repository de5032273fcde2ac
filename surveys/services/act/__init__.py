"""Act: what the partnership does about what people said: actions, milestones, updates and impact."""
