"""Qt item models over store queries and the open layer."""
