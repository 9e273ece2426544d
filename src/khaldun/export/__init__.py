"""khaldun.export"""
