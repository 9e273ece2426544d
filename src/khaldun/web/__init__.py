"""khaldun.web"""
