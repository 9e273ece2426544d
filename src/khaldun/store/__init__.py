"""khaldun.store"""
