"""What the pages share: the sign-in guard, form renderer and flow, components, maps, navigation and style."""
