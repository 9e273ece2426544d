"""khaldun.acquire"""
