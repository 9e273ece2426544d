"""khaldun.reconcile"""
