"""khaldun.geo"""
