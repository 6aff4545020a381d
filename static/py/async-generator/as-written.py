import asyncio

# 定义异步生成器
async def async_generator():
    for i in range(5):
        # 模拟异步操作
        await asyncio.sleep(1)
        yield i

# 异步使用生成器
async def main():
    async for item in async_generator():
        print(item)
