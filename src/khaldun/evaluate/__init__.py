"""khaldun.evaluate"""
