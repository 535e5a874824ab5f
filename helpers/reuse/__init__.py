"""reuse"""
