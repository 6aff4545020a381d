import asyncio

class AsyncDatabase:
    async def connect(self):
        await asyncio.sleep(1)  # 模拟异步连接
        print("连接到数据库")

    async def close(self):
        await asyncio.sleep(1)  # 模拟异步断开连接
        print("断开数据库连接")

    async def __aenter__(self):
        await self.connect()
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await self.close()

async def main():
    async with AsyncDatabase() as db:
        print("查询数据库")

asyncio.run(main())

# 输出：
# 连接到数据库
# 查询数据库
# 断开数据库连接
