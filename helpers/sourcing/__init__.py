"""sourcing"""
