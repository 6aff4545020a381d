"""Each game is a task: the master's move is time.sleep (it blocks the loop), the opponent's
reply asyncio.sleep (the loop serves the next board meanwhile)."""
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
    await asyncio.gather(*(game(board) for board in range(1, OPPONENTS + 1)))


start = time.perf_counter()
asyncio.run(main())
elapsed = time.perf_counter() - start
print(f"总耗时 {elapsed:.0f} 秒，约 {elapsed / 3600:.1f} 小时")
