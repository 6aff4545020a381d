"""The master's move is time.sleep (he is busy, nobody else is served); the opponent's reply
is asyncio.sleep (the master could walk on, but here he waits for it)."""
import asyncio
import time

OPPONENTS = 24
MASTER_MOVE = 5
OPPONENT_MOVE = 55
ROUNDS = 30


async def game(board):
    for _ in range(ROUNDS):
        time.sleep(MASTER_MOVE)
        await asyncio.sleep(OPPONENT_MOVE)
    print(f"第 {board} 局结束")


async def main():
    for board in range(1, OPPONENTS + 1):
        await game(board)


start = time.perf_counter()
asyncio.run(main())
elapsed = time.perf_counter() - start
print(f"总耗时 {elapsed:.0f} 秒，约 {elapsed / 3600:.1f} 小时")
